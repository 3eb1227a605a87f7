"""A shopper's browser session: its transcript and private files (`chat`), where it outlives
a process (`store`: SQLite, Redis, the signed cookie, write-through) and the link between a
replica's memory and that store (`shared`).
"""
