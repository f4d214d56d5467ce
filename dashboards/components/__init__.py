"""Building blocks of the dashboard pages: pure layout functions and plain callbacks."""
