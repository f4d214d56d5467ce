"""Benchmarks of the tracker against floors run in the same process (`make bench`).

Each benchmark measures one thing at 100,000 and 1,000,000 synthetic figures and divides it
by a baseline doing the least the same job could do (pandas reading the file, pandas
writing it to the database, pyarrow writing the CSV), or compares it with an absolute goal.
Results go to ``bench/results.json`` and the README's Benchmarks table.
"""
