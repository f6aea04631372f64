"""One module per input format; each turns the bytes of a file into plain text and page metadata.

A reader is a function ``read_X(path, data) -> (text, metadata)``; :mod:`loaders.formats` registers
them by suffix and does what every format shares (size limit, empty files, line endings).
"""
