"""Machine-readable exports for other systems: the FHIR Questionnaire, the content API, the code lookup, the feeds."""
