// Up/down buttons on the article's structured blocks (contacts, links, attachments):
// they move the block in the page and renumber the hidden "order" fields to match.
(function () {
  "use strict";
  function renumber(group) {
    var rows = group.querySelectorAll(".inline-related:not(.empty-form)");
    var n = 0;
    rows.forEach(function (row) {
      var field = row.querySelector("input[name$='-order']");
      if (field) { field.value = n; n += 1; }
    });
  }
  function addButtons(group, row) {
    if (row.querySelector(".vestnik-move") || !row.querySelector("input[name$='-order']")) {
      return;
    }
    var bar = document.createElement("span");
    bar.className = "vestnik-move";
    [["up", "↑", "Move up"], ["down", "↓", "Move down"]].forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button vestnik-move-" + spec[0];
      button.textContent = spec[1];
      button.title = spec[2];
      button.setAttribute("aria-label", spec[2]);
      button.addEventListener("click", function () {
        var sibling = spec[0] === "up" ? row.previousElementSibling : row.nextElementSibling;
        if (!sibling || !sibling.classList.contains("inline-related") ||
            sibling.classList.contains("empty-form")) { return; }
        if (spec[0] === "up") { row.parentNode.insertBefore(row, sibling); }
        else { row.parentNode.insertBefore(sibling, row); }
        renumber(group);
      });
      bar.appendChild(button);
    });
    var title = row.querySelector("h3") || row;
    title.appendChild(bar);
  }
  function setUp() {
    document.querySelectorAll(".inline-group").forEach(function (group) {
      group.querySelectorAll(".inline-related:not(.empty-form)").forEach(function (row) {
        addButtons(group, row);
      });
    });
  }
  document.addEventListener("DOMContentLoaded", setUp);
  document.addEventListener("formset:added", function (event) {
    var group = event.target.closest(".inline-group");
    if (group) { addButtons(group, event.target); renumber(group); }
  });
})();
