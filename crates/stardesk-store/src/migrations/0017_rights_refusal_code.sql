-- v17: a refused claim or invitation answer keeps the platform's conflict code
-- (`benefit_expired`, `window_closed`, …) beside its message, so the window can say why in
-- its own language. Items refused before this version have none and show the message.
ALTER TABLE rights_outbox ADD COLUMN refusal_code TEXT;
