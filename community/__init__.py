"""The forum: categories, threads, posts, reactions, tags, mentions, read state."""
