"""A change to one value of a trainer's YAML file, for the tests of bad catalogue edits."""

from __future__ import annotations


def set_at(path: tuple, value):
    """A change that sets ``data[path[0]][path[1]]...`` to ``value``."""

    def change(data):
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value

    return change
