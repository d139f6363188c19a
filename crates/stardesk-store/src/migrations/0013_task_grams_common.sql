-- The terms of one or two characters that most tasks have, chosen when the short-term
-- index (`tasks_grams`, 0009) is built whole: the document of a task without one of them
-- holds the token `n` + the term's token, so "every task without 需" is one short list
-- (tasks/without.rs). Each term as tasks/grams.rs numbers it. The migration's hook
-- rebuilds the index of the tasks already cached with these tokens.
CREATE TABLE task_grams_common (
    gram INTEGER PRIMARY KEY
) STRICT;
