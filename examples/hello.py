#!/usr/bin/env python3
"""hello.py - libmend from Python, through ctypes: loads a story and plays
its first screen. The shared library is found as the system finds it
(ctypes.util.find_library), or named on the command line:

    python3 examples/hello.py STORY.xml [path/to/libmend.so.0]
"""
import ctypes
import ctypes.util
import sys


class Text(ctypes.Structure):
    _fields_ = [("text", ctypes.c_char_p), ("length", ctypes.c_size_t),
                ("spans", ctypes.c_void_p), ("nspans", ctypes.c_size_t)]


class Item(ctypes.Structure):  # the first fields of mend_item
    _fields_ = [("kind", ctypes.c_int), ("text", Text)]


def main():
    if len(sys.argv) not in (2, 3):
        sys.exit("usage: hello.py STORY.xml [LIBMEND]")
    name = sys.argv[2] if len(sys.argv) == 3 else ctypes.util.find_library("mend")
    if not name:
        sys.exit("hello.py: libmend is not installed (make install)")
    lib = ctypes.CDLL(name)
    lib.mend_version.restype = ctypes.c_char_p
    lib.mend_diags_new.restype = ctypes.c_void_p
    lib.mend_story_load.restype = ctypes.c_void_p
    lib.mend_story_load.argtypes = [ctypes.c_char_p, ctypes.c_void_p]
    lib.mend_story_title.restype = ctypes.c_char_p
    lib.mend_story_title.argtypes = [ctypes.c_void_p]
    lib.mend_session_new.restype = ctypes.c_void_p
    lib.mend_session_new.argtypes = [ctypes.c_void_p, ctypes.c_uint64]
    lib.mend_session_item_count.restype = ctypes.c_size_t
    lib.mend_session_item_count.argtypes = [ctypes.c_void_p]
    lib.mend_session_item.restype = ctypes.POINTER(Item)
    lib.mend_session_item.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
    for f in ("mend_session_free", "mend_story_free", "mend_diags_free"):
        getattr(lib, f).argtypes = [ctypes.c_void_p]

    print("libmend", lib.mend_version().decode())
    diags = lib.mend_diags_new()
    story = lib.mend_story_load(sys.argv[1].encode(), diags)
    lib.mend_diags_free(diags)
    if not story:
        sys.exit("hello.py: the story has errors (mend lint says which)")
    print(lib.mend_story_title(story).decode())
    session = lib.mend_session_new(story, 1)
    for i in range(lib.mend_session_item_count(session)):
        text = lib.mend_session_item(session, i).contents.text
        if text.length:
            print(text.text.decode())
    lib.mend_session_free(session)
    lib.mend_story_free(story)


if __name__ == "__main__":
    main()
