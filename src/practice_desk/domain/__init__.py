"""Pure clinical and administrative rules: pydantic models, no Qt, no SQL, no files."""
