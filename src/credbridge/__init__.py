"""credbridge: credentials from resumes and badge links, verified and ready for hiring platforms.

The public API is re-exported here; everything else is internal and may change.
"""

from credbridge.errors import CredbridgeError, FetchError, InputError, UnreadableDocument, UnsafeURL
from credbridge.model import (
    CandidateProfile,
    Check,
    Credential,
    CredentialKind,
    Diagnostic,
    Document,
    Evidence,
    Issuer,
    Skill,
    SkillMatch,
    Source,
    TaxonomyRef,
    Translation,
    Verification,
    VerificationReport,
    VerificationStatus,
)
from credbridge.pipeline import ParseOptions, parse_bytes, parse_file

__version__ = "0.1.0"

__all__ = [
    "CandidateProfile",
    "Check",
    "CredbridgeError",
    "Credential",
    "CredentialKind",
    "Diagnostic",
    "Document",
    "Evidence",
    "FetchError",
    "InputError",
    "Issuer",
    "ParseOptions",
    "Skill",
    "SkillMatch",
    "Source",
    "TaxonomyRef",
    "Translation",
    "UnreadableDocument",
    "UnsafeURL",
    "Verification",
    "VerificationReport",
    "VerificationStatus",
    "__version__",
    "parse_bytes",
    "parse_file",
]
