"""Publications written out in other formats: BibTeX here; RIS and CSL-JSON beside it."""
