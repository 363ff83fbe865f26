"""factsheet: YAML files of figures and statements -> a published fact-sheet website."""
