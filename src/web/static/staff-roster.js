// Roster import: with JavaScript, a chosen CSV file fills the form's text box (the form itself
// posts plain text, so it also works without JavaScript by pasting).
const file = document.getElementById('roster-file');
const box = document.getElementById('roster-csv');
if (file && box) {
  file.closest('.js-only').hidden = false;
  file.addEventListener('change', async () => {
    const chosen = file.files && file.files[0];
    if (chosen) box.value = await chosen.text();
  });
}
