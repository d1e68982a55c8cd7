"""Records made on several machines never share an id: each site makes ids in its own range."""

from store.core import records, settings
from store.core.records import SITE_KEY, SITE_SPAN
from tests import factories


def test_a_database_on_its_own_numbers_from_one(db):
    first = factories.unit(db, name="Chi bộ thôn Một")
    assert first < SITE_SPAN and factories.unit(db, name="Chi bộ thôn Hai") == first + 1


def test_an_enrolled_site_makes_its_ids_in_its_range_and_the_office_stays_in_its_own(db):
    office_unit = factories.unit(db, name="Chi bộ thôn Một")
    settings.put(db, SITE_KEY, 7)
    site_unit = factories.unit(db, name="Chi bộ thôn Hai")
    assert site_unit == 7 * SITE_SPAN + 1
    assert factories.unit(db, name="Chi bộ thôn Ba") == site_unit + 1
    settings.put(db, SITE_KEY, 0)  # the office, now holding site 7's records too
    assert factories.unit(db, name="Chi bộ thôn Bốn") == office_unit + 1
    trail = [row["id"] for row in db["changes"].rows_where(order_by="id")]
    assert (
        max(i for i in trail if i < SITE_SPAN)
        < SITE_SPAN
        <= min(i for i in trail if i >= SITE_SPAN)
    )
    assert records.get(db, "units", site_unit)["name"] == "Chi bộ thôn Hai"


def test_the_trails_actions_take_the_sites_range_too(db):
    settings.put(db, SITE_KEY, 3)
    factories.unit(db, name="Chi bộ thôn Một")
    [action] = db["actions"].rows
    assert action["id"] >> 32 == 3
