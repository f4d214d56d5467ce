"""The dashboard's pages, one module each: its address, its layout (a function of the store
and of the query parameters) and its callbacks, added to an app by ``register(app, store)``."""
