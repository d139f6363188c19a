-- v16: an item sent keeps no copy of the contact it was sent with. The application the
-- platform confirmed holds the shipping details (and goes with the account's data); the
-- outbox row only records that the key was used. Rows sent before this version lose theirs.
UPDATE application_outbox
SET contact_name = '', phone = '', detail = ''
WHERE state = 'sent';
