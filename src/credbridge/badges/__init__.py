"""Badge resolution and verification: Open Badges 2.0 / 3.0, CLR 2.0, from links or baked images.

`verify` / `averify` check one input (URL, file, JSON, JWS, image bytes) and return a
VerificationReport; `resolve_profile` / `aresolve_profile` verify every badge link of a
CandidateProfile concurrently and merge the results into its credentials.
"""

from credbridge.badges.profile import aresolve_profile, resolve_profile
from credbridge.badges.verify import averify, verify

__all__ = ["aresolve_profile", "averify", "resolve_profile", "verify"]
