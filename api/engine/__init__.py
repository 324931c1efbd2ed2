"""The gateway to the conversation engine (Rasa), spoken to over its REST channel only."""
