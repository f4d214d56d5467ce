"""The seven consistency rules of DESIGN §2, one module per rule, named after it.

:mod:`.containment` (window containment, with a source's daily counts summed over a window),
:mod:`.regression` (same-source regression), :mod:`.hierarchy` (a place against the places
containing it, and the parts of an area summed), :mod:`.subgroup` (a population against the
groups it belongs to), :mod:`.divergence`, :mod:`.staleness` and :mod:`.echo`. The sweeps that
containment, regression, hierarchy and subgroup share (DESIGN §6 "nesting") are in
:mod:`.nesting`. :mod:`.flows_between` names, in a stock's divergence, the flows reported
between its dates that could explain it (and lowers its severity one step). Each module
names its rule in ``RULE``; the rule ids, their labels and descriptions are those of
``data/vocabularies/rules.csv``.
"""
