"""The demo committee's office: its letterhead filled as a real office fills it. Who signs
the committee's briefs (the standing deputy secretary, for the standing committee), and each
kind's "Kính gửi" and "Nơi nhận": a member's report goes to the standing committee; the
committee's reports name the level above in "Nơi nhận" with what for; the copy kept is last.
"""

from dataclasses import replace

from sqlite_utils import Database

from store.demo import data
from store.demo.base import Ctx
from store.lang.codes import BriefKind
from store.lang.text import body_name
from store.reports.letterhead import Route, letterhead, save_letterhead


def fill_letterhead(db: Database, ctx: Ctx, *, province: bool) -> None:
    """Sign and route every kind of brief; the committee's names are already in settings."""
    lh = replace(
        letterhead(db),
        signer_prefix="T/M BAN THƯỜNG VỤ",
        signer_title="PHÓ BÍ THƯ",
        signer_name=_standing_deputy(ctx),
    )
    for kind, route in routes(body_name(lh.issuing_body), province=province).items():
        lh = lh.with_route(kind, route)
    save_letterhead(db, lh)


def routes(committee: str, *, province: bool) -> dict[str, Route]:
    """Each kind's route; `committee` in running text, "Huyện ủy An Hòa"."""
    own = " ".join(committee.split()[:2])  # "Huyện ủy", "Tỉnh ủy"
    above = "Trung ương" if province else "Tỉnh ủy"
    top = "Ban Bí thư Trung ương" if province else "Ban Thường vụ Tỉnh ủy"
    standing = f"Các đồng chí Ủy viên Ban Thường vụ {own}"
    kept = f"Lưu Văn phòng {own}"
    to_standing = (f"Ban Thường vụ {committee}",)
    collated = f"Ban Tổ chức {own} (để tổng hợp)"
    return {
        BriefKind.VISIT: Route(to_standing, ("Như trên", collated, "Lưu")),
        BriefKind.SUPERVISOR: Route(
            to_standing, ("Như trên", f"Thường trực {own}", collated, "Lưu")
        ),
        BriefKind.UNIT: Route(
            (),
            (
                f"Ban Tổ chức {above} (để báo cáo)",
                standing,
                f"Ban Tổ chức {own}",
                "Cấp ủy viên phụ trách cơ sở",
                kept,
            ),
        ),  # fmt: skip
        BriefKind.ANNUAL: Route(
            (),
            (
                f"{top} (để báo cáo)",
                f"Ban Tổ chức {above} (để báo cáo)",
                standing,
                f"Các ban xây dựng Đảng {own}",
                "Các tổ chức cơ sở đảng trực thuộc",
                kept,
            ),
        ),  # fmt: skip
        BriefKind.PLAN: Route(
            (),
            (
                f"Thường trực {own}",
                f"Ban Tổ chức {own}",
                "Cấp ủy viên phụ trách cơ sở",
                "Cấp ủy cơ sở (để thực hiện)",
                kept,
            ),
        ),  # fmt: skip
    }


def _standing_deputy(ctx: Ctx) -> str:
    """The demo's standing deputy secretary (the second of `data.TITLES`)."""
    deputy = data.TITLES[1]
    return next(r["name"] for r in ctx.rows.tables["supervisors"] if r["title"] == deputy)
