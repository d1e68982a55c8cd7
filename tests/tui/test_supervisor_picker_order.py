"""The supervisor picker lists people as every list does: by given name, then family and
middle names (store.lang.text.person_sort_key), after the committee office's row."""

from store.core import db as store_db
from tests import factories as make
from tests.store.personnel.test_person_order import NAMES, ORDER
from tests.tui.conftest import TODAY
from tests.tui.visit_helpers import cells
from tui.app import PhutrachApp
from tui.dialogs.supervisor_picker import SupervisorPicker, all_label


async def test_the_supervisor_picker_reads_by_given_name(db_path):
    db = store_db.connect(db_path)
    for n, name in enumerate(NAMES, start=1):
        make.supervisor(db, name, code=f"UV{n}", title="Ủy viên Ban Thường vụ")
    db.close()
    app = PhutrachApp(db_path, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SupervisorPicker)
        assert [row[0] for row in cells(app, "#picker-table")] == [all_label(), *ORDER]
        await pilot.press(*"anh")  # the search keeps the order
        await pilot.pause()
        assert [row[0] for row in cells(app, "#picker-table")] == ORDER[:3]
