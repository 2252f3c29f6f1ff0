"""Turn plan documents into graph records: read, segment, recognise, link."""
