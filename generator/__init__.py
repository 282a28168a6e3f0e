"""Static patient-education site generator: content/ YAML -> cross-linked, cited MkDocs site."""
