-- Who a message mentions, by user id: a JSON array of {"id","nick"} (nick as written
-- after the @). NULL for messages sent before, or that mention no one.
ALTER TABLE events ADD COLUMN mentions TEXT;
