"""``chatkit-desktop doctor``: each outside part the app depends on, checked in a few seconds,
with what to do about whatever fails. One module per part; ``checks.py`` lists them."""
