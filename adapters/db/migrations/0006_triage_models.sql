-- Reserved for learning triage (issue 5); its owner replaces this placeholder.
SELECT 1;
