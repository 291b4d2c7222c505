"""The demo site and a fresh installation's first steps: `load_demo` and `bootstrap`.

The demo's texts are data files under `data/` (see `data.py`): headlines and bodies come from
the sentence templates there, the numbers from a seeded random generator, the pictures are
drawn with Pillow. Companies, analysts, protocols and quotes are invented. This app sits above
every other one and may import any of them; no app imports it.
"""
