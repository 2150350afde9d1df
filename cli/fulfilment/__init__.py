"""`ordercapture simulate-fulfilment`: a stand-in for order management, written as any internal
client would be, against the public OrderHandoffService only (never `domain` or `servers`,
an import-linter contract keeps it so). It watches the order events, takes new orders over,
completes or fails them, and decides cancellations under assessment.

policy.py    the random decisions (ratios, seeded)
steps.py     which event asks for which step
handoff.py   a step as an OrderHandoffService call
simulator.py the watch (reconnecting, resuming), the delayed steps, the cursor
command.py   the command line, and the entry `ordercapture serve --simulate-fulfilment` uses
"""
