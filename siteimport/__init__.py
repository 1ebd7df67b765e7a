"""Moving in: `import_site(path_or_zip)` reads a Hugo Blox, al-folio or academicpages site and imports it
whole through the portal's pipelines (see save.import_site)."""
