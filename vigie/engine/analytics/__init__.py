"""Early warning of issue 14: emerging communes and displacement, pure Python.

``emerging`` is the detector, ``tails`` the count distributions it tests with, ``scenarios`` a
generator of synthetic histories with ground truth, ``evaluate`` their scoring.
"""
