"""Every form's write path fed random values (wrong types, empty, huge, negative, impossible
dates, SQL, control characters): it saves, or refuses with one clear PhutrachError on one
line, and a refusal writes nothing at all."""

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from store import concerns, visits
from store.core import db as store_db
from store.core.errors import PhutrachError
from store.personnel import capability, people, succession
from store.rules.rulebook import in_force as rulebook_in_force
from store.visits import meetings
from tests.trust.world import TODAY, build

# What a form may hand over: text as typed (empty, blank, huge, impossible dates, SQL,
# control characters), or numbers and flags it converted (negative, huge, fractional, NaN).
TEXT = st.sampled_from(
    [
        None,
        "",
        " ",
        "x",
        "-1",
        "12",
        "1.5",
        "2026-10-05",
        "05/10/2026",
        "2999-01-01",
        "2026-02-31",
        "'; DROP TABLE units; --",
        "\x00",
        "a\nb",
        "%_\\[]",
        "x" * 300,
    ]
)
HOSTILE = TEXT | st.sampled_from([-1, 0, 1, 3, 10**12, 1.5, float("nan"), True, False])
SETTINGS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@pytest.fixture(scope="module")
def world():
    db = store_db.memory()
    ids = build(db)
    return db, ids


def totals(db) -> dict[str, int]:
    return {t: db[t].count for t in db.table_names()}


def attempt(db, save) -> None:
    before = totals(db)
    try:
        save()
    except PhutrachError as exc:
        event("refused")
        assert exc.message.strip() and "\n" not in exc.message
        assert totals(db) == before
    else:
        event("saved")


@st.composite
def spoiled(draw, valid: dict, values=HOSTILE) -> dict:
    """`valid` with none, one or two of its fields replaced by a hostile value (text for a
    text field), so that every check is reached, and a valid form is saved now and then."""
    fields = draw(st.lists(st.sampled_from(sorted(valid)), max_size=2, unique=True))
    return {
        **valid,
        **{n: draw(TEXT if isinstance(valid[n], str | None) else values) for n in fields},
    }


MEETING = dict(
    date="2026-10-05",
    kind="regular",
    topic=None,
    members_full=20,
    members_probationary=0,
    members_exempt=0,
    present=18,
    absent_excused=2,
    absent_unexcused=0,
    duration_minutes=90,
    minutes_kept=True,
    resolution_adopted=True,
)


@SETTINGS
@given(meeting=spoiled(MEETING), unit=st.sampled_from([0, 1, 99]))
def test_meeting_form(world, meeting, unit):
    db, ids = world
    unit_id = ids["units"][unit] if unit < len(ids["units"]) else 10_000
    attempt(db, lambda: meetings.record_meeting(db, unit_id, **meeting, today=TODAY))


@SETTINGS
@given(
    meeting=spoiled(MEETING, TEXT),
    scores=spoiled({"attendance": 15, "content": 20}),
    extra=st.dictionaries(TEXT.filter(bool), HOSTILE, max_size=1),
    texts=spoiled({"observations": "Sinh hoạt nề nếp", "good_practice": None}, TEXT),
)
def test_visit_form(world, meeting, scores, extra, texts):
    db, ids = world
    full = {c.id: c.max for c in rulebook_in_force(db).criteria}
    attempt(
        db,
        lambda: visits.record_visit(
            db,
            supervisor_id=ids["supervisor"],
            unit_id=ids["units"][0],
            meeting=meeting,
            scores={**full, **scores, **extra},
            **texts,
            today=TODAY,
        ),
    )


PERSON = dict(
    name="Nguyễn Văn Bình", birth_year=1975, sex="male", party_joined="2000-05-19", code=None
)


@SETTINGS
@given(facts=spoiled(PERSON))
def test_person_form(world, facts):
    db, _ids = world
    attempt(db, lambda: people.add_person(db, **facts, today=TODAY))


@SETTINGS
@given(form=spoiled(dict(role="deputy", start="2026-01-01", concurrent=None)))
def test_appointment_form(world, form):
    db, ids = world
    attempt(
        db,
        lambda: people.appoint(
            db,
            ids["people"][2],
            ids["units"][1],
            form["role"],
            form["start"],
            concurrent_role=form["concurrent"],
            today=TODAY,
        ),
    )


NOTE = dict(
    date="2026-09-30",
    overall="fair",
    flagged=False,
    narrative="Điều hành còn lúng túng.",
)


@SETTINGS
@given(form=spoiled(NOTE), ratings=spoiled({"prestige": "good", "chairing": "weak"}, TEXT))
def test_capability_note_form(world, form, ratings):
    db, ids = world
    attempt(
        db,
        lambda: capability.record_note(
            db,
            person_id=ids["people"][0],
            unit_id=ids["units"][2],
            supervisor_id=ids["supervisor"],
            ratings=ratings,
            **form,
            today=TODAY,
        ),
    )


PLAN = dict(reason="age", target_date="2027-06-30")
CANDIDATE = dict(readiness="1-2y", note="Có năng lực, cần bồi dưỡng lý luận.")
ACTION = dict(kind="training", description="Học lớp trung cấp lý luận", owner="Ban Tổ chức",
              due_date="2027-01-31")  # fmt: skip


@SETTINGS
@given(plan=spoiled(PLAN), candidate=spoiled(CANDIDATE), action=spoiled(ACTION))
def test_succession_forms(world, plan, candidate, action):
    db, ids = world
    made = {}

    def start():
        made["id"] = succession.start_plan(db, unit_id=ids["units"][4], incumbent_id=None, **plan)

    attempt(db, start)
    if "id" in made:
        person = ids["people"][3]
        attempt(
            db, lambda: succession.add_candidate(db, made["id"], person, **candidate, today=TODAY)
        )
        attempt(db, lambda: succession.add_action(db, made["id"], **action, today=TODAY))
        succession.cancel_plan(db, made["id"], date=TODAY, today=TODAY)


CONCERN = dict(
    category="policy",
    route="committee",
    description="Đường liên thôn xuống cấp.",
    priority="normal",
    due_date=None,
    raised_date="2026-10-01",
    owner=None,
)


@SETTINGS
@given(form=spoiled(CONCERN, TEXT))
def test_concern_form(world, form):
    db, ids = world
    attempt(
        db,
        lambda: concerns.raise_concern(
            db, unit_id=ids["units"][3], supervisor_id=ids["supervisor"], **form, today=TODAY
        ),
    )
