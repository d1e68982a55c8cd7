"""The mark every screen, panel or form showing personnel assessments (capability notes,
replacement-source plans) carries in its title or border."""

from store.lang.i18n import _


def marked(title: str) -> str:
    """`title` followed by the confidentiality mark, e.g. "Nhận xét — MẬT — …"."""
    return f"{title} — {_('CONFIDENTIAL — personnel assessment')}"
