"""The visit brief gives the real reason of a rating below Tốt: the total when it is under the
minimum, the required criteria only when the total reached Tốt."""

from io import BytesIO

import docx
import pytest

from briefs.kinds import visit
from tests import factories as make
from tests.briefs import district
from tests.briefs.district import TODAY
from tests.factories import FULL


@pytest.fixture
def world(db):
    return db, district.build(db)


def _texts(db, visit_id) -> list[str]:
    buffer = BytesIO()
    visit.build_visit(db, visit_id, on=TODAY, number=5).document.save(buffer)
    return [p.text for p in docx.Document(buffer).paragraphs]


@pytest.mark.parametrize(
    ("scores", "reason", "not_said"),
    [
        (
            {**FULL, "content": 5, "minutes": 3},
            "Chưa đạt loại Tốt vì tổng điểm (83) dưới 90 điểm.",
            "tiêu chí sau chưa đạt",
        ),
        (
            {**FULL, "minutes": 3},
            "Tổng điểm đạt mức xếp loại Tốt nhưng chưa đủ điều kiện vì các tiêu chí sau chưa đạt "
            "điểm tối đa: Ghi biên bản đầy đủ.",
            "dưới 90 điểm",
        ),
    ],
    ids=["total-decides", "criteria-decide"],
)
def test_the_brief_names_the_real_reason(world, scores, reason, not_said):
    db, ids = world
    done = make.visit(db, ids["sup"], ids["b"], "2026-09-10", scores=scores, today=TODAY)
    texts = _texts(db, done.visit_id)
    assert reason in texts
    assert not any(not_said in t for t in texts)
