"""Training the extractors' models (`python -m pipelines train ner|events`).

Needs the optional extra `train` (PyTorch, CPU build, and onnx): `pip install -e ".[train]"`. Run time never
imports this package; it loads what training wrote under `pipelines/text/models/`.
"""
