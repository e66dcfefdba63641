"""Domain rules, computations, validation and formats. Pure Python: never imports Qt."""
