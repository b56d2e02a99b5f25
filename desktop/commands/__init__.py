"""One module per ``chatkit-desktop`` command, each with ``run(args) -> exit status``."""
