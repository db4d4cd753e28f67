/** A phone number kept on one line on a narrow button: "0237 3 727 888" never breaks after "0237". */
export const unbroken = (phone: string) => phone.replace(/ /g, "\u00a0");
