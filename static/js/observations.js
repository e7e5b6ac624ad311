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
