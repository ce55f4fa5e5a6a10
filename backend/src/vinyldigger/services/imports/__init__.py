"""The browser companion's imports: tokens, the queue of listing ids, and reading it."""
