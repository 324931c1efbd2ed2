"""Who is calling: bearer tokens for systems, tools and welfare workers."""
