"""Demo content for a fresh installation: `manage.py load_demo` calls `loader.demo_load`.

Everything here is written by the project: headlines and bodies come from the sentence
templates in `phrases.py`, the numbers from a seeded random generator, the pictures are drawn
with Pillow. Companies, analysts, protocols and quotes are invented.
"""
