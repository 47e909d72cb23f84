"""Feedback routing: insights, departments, routing rules, deliveries, answers."""
