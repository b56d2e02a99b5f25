"""The ChatKit protocol at our HTTP edge: parsing and validating what clients send."""
