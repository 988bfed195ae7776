-- Reserved for chat conversations and commands (issue 4); its owner replaces this placeholder.
SELECT 1;
