// The table of changed, failed and conflicting groups: rows come as compact JSON (see ReportRows), are filtered and
// sorted in memory, and only the current page is put into the DOM, so a report of 500,000 groups stays responsive.
(function () {
	"use strict";
	var PAGE = 100;
	var NAME = 0, ID = 1, BEFORE = 2, AFTER = 3, REASON_CODE = 4, OUTCOME = 5, REASON = 6, ERROR = 7;
	var CODED = [null, null, "before", "after", "reasonCode", "outcome", "reason", null];
	var rows = JSON.parse(document.getElementById("rows").textContent);
	var dict = JSON.parse(document.getElementById("dictionary").textContent);
	var body = document.getElementById("groups-body");
	var text = document.getElementById("filter-text");
	var state = document.getElementById("filter-state");
	var outcome = document.getElementById("filter-outcome");
	var reason = document.getElementById("filter-reason");
	var shown = rows, page = 0, sortColumn = -1, sortDescending = false, searchKeys = null;

	function value(row, column) {
		var coded = CODED[column];
		return coded ? dict[coded][row[column]] : row[column];
	}

	function fill(select, values) {
		values.slice().sort().forEach(function (v) {
			var option = document.createElement("option");
			option.value = v;
			option.textContent = v;
			select.appendChild(option);
		});
	}

	function ranks(values) {
		var order = values.map(function (v, i) { return i; });
		order.sort(function (a, b) { return values[a] < values[b] ? -1 : values[a] > values[b] ? 1 : 0; });
		var rank = [];
		order.forEach(function (code, position) { rank[code] = position; });
		return rank;
	}

	function indexForSearch() {
		if (!searchKeys) searchKeys = rows.map(function (r) { return (r[NAME] + " " + r[ID]).toLowerCase(); });
	}

	function apply() {
		var needle = text.value.trim().toLowerCase();
		var wantedState = state.value, wantedOutcome = outcome.value, wantedReason = reason.value;
		if (needle) indexForSearch();
		var stateCodes = [dict.before.indexOf(wantedState), dict.after.indexOf(wantedState)];
		var outcomeCode = dict.outcome.indexOf(wantedOutcome), reasonCode = dict.reasonCode.indexOf(wantedReason);
		var filtered = [];
		for (var i = 0; i < rows.length; i++) {
			var r = rows[i];
			if (wantedState && r[BEFORE] !== stateCodes[0] && r[AFTER] !== stateCodes[1]) continue;
			if (wantedOutcome && r[OUTCOME] !== outcomeCode) continue;
			if (wantedReason && r[REASON_CODE] !== reasonCode) continue;
			if (needle && searchKeys[i].indexOf(needle) < 0) continue;
			filtered.push(r);
		}
		shown = filtered;
		sort();
	}

	function sort() {
		if (sortColumn >= 0) {
			var column = sortColumn, coded = CODED[column], sign = sortDescending ? -1 : 1;
			var rank = coded ? ranks(dict[coded]) : null;
			shown = shown.slice().sort(function (a, b) {
				var x = rank ? rank[a[column]] : a[column], y = rank ? rank[b[column]] : b[column];
				return (x < y ? -1 : x > y ? 1 : 0) * sign;
			});
		}
		page = 0;
		render();
	}

	function render() {
		var pages = Math.max(1, Math.ceil(shown.length / PAGE));
		page = Math.min(page, pages - 1);
		var fragment = document.createDocumentFragment();
		shown.slice(page * PAGE, page * PAGE + PAGE).forEach(function (r) {
			var tr = document.createElement("tr");
			for (var c = 0; c < 8; c++) {
				var td = document.createElement("td");
				td.textContent = value(r, c);
				if (c === OUTCOME) td.className = value(r, c);
				tr.appendChild(td);
			}
			fragment.appendChild(tr);
		});
		body.replaceChildren(fragment);
		document.getElementById("table-count").textContent = shown.length.toLocaleString("en") + " of "
			+ rows.length.toLocaleString("en") + " groups";
		document.getElementById("page-info").textContent = "page " + (page + 1) + " of " + pages;
		document.getElementById("page-prev").disabled = page === 0;
		document.getElementById("page-next").disabled = page >= pages - 1;
	}

	var pending = null;
	function later() {
		clearTimeout(pending);
		pending = setTimeout(apply, 150);
	}

	fill(state, dict.before.concat(dict.after.filter(function (v) { return dict.before.indexOf(v) < 0; })));
	fill(outcome, dict.outcome);
	fill(reason, dict.reasonCode);
	text.addEventListener("input", later);
	[state, outcome, reason].forEach(function (s) { s.addEventListener("change", apply); });
	document.getElementById("page-prev").addEventListener("click", function () { page--; render(); });
	document.getElementById("page-next").addEventListener("click", function () { page++; render(); });
	Array.prototype.forEach.call(document.querySelectorAll("#groups th[data-sort]"), function (th) {
		th.addEventListener("click", function () {
			var column = Number(th.getAttribute("data-sort"));
			sortDescending = column === sortColumn ? !sortDescending : false;
			sortColumn = column;
			Array.prototype.forEach.call(th.parentNode.children, function (other) { other.removeAttribute("aria-sort"); });
			th.setAttribute("aria-sort", sortDescending ? "descending" : "ascending");
			sort();
		});
	});
	render();
	window.reportReadyMs = performance.now();
	document.documentElement.setAttribute("data-ready", "true");
	// once the page is up, so that the first search does not wait for it
	setTimeout(indexForSearch, 0);
})();
