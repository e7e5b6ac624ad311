// The group's observation screen: hide a pupil's ratings while they are marked absent.
// Without JavaScript every field stays visible and the server ignores an absent pupil's ratings.
document.querySelectorAll(".js-observation").forEach((line) => {
  const presentOnly = line.querySelector(".js-present-only");
  const update = () => {
    const absent = line.querySelector('input[name$="-attendance"][value="absent"]');
    if (presentOnly && absent) presentOnly.hidden = absent.checked;
  };
  line.addEventListener("change", update);
  update();
});

// One tap saves the session: a second tap while the page is sending would log it twice.
document.querySelectorAll("form.js-observation-form").forEach((form) => {
  form.addEventListener("submit", () => {
    form.querySelectorAll('button[type="submit"]').forEach((button) => { button.disabled = true; });
  });
});
