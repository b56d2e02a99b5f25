"""Attachments: the files a user sends with a message, kept in the profile's data folder under
names the server makes, with their records in the store."""
