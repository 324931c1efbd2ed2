"""Rule-based extraction from free text: spaCy blank("nl") + lookups; patterns in content/."""
