"""How much a person may type into each kind of text box: every form's text field has one of these caps,
so a pasted document cannot fill a record (and the pages wrap long words: `.record-text` in site.css)."""

SEARCH = 100  # a name or UPN to look for
LINE = 200  # a name, a relationship, a one-line answer
REASON = 2000  # why something was decided or changed
NOTE = 4000  # a note or account in a few paragraphs
ACCOUNT = 6000  # a referral's account of the child, an observation in class
