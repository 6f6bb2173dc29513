"""ungsoc: MkDocs plugin and CLI for a three-language site about municipal social services."""
