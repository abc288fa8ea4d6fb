"""Code lists of the ownership forms (SEC General Instruction 8 and the form's check columns)."""

TRANSACTION_CODES = frozenset("P S V A D F I M C E H O X G L W Z J K U".split())
ACQUIRED_DISPOSED = frozenset({"A", "D"})
DIRECT_INDIRECT = frozenset({"D", "I"})
TIMELINESS = frozenset({"E", "L"})
# A check mark in the V column means "voluntarily reported early".
TIMELINESS_MARK = "E"
TIMELINESS_MARKS = frozenset({"v", "x", "\u2713", "\u2714", "\u2612"})
# Codes whose direction the form fixes, by table: a sale (S) or a tax withholding (F) disposes,
# an open-market purchase (P) acquires.
CODE_DIRECTION = {"non_derivative_transactions": {"P": "A", "S": "D", "F": "D"}}
