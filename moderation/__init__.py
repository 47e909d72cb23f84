"""The moderation backoffice: flags, review queue, actions, audit log, sanctions, automod."""
