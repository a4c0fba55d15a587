/// The letters this release ships (`Config/letters/`), used by a database created before
/// letters existed (it has none stored with its centre). A test keeps them equal to the files.
extension LetterBook {
    public static let shipped: LetterBook = {
        let templates = ShippedLetters.texts.map { kind, text in
            // The shipped texts are checked by the tests; a failure here is a build mistake.
            try! LetterTemplate(kind: kind, text: text)
        }
        return try! LetterBook(templates: templates, timeLimitsPosition: ShippedLetters.timeLimitsPosition)
    }()
}

enum ShippedLetters {
    static let timeLimitsPosition = "If you do not refer your complaint to the Ombudsman within six months of the date of this letter, we do not consent to the Ombudsman considering it, so the Ombudsman will only be able to do so in very limited circumstances, for example if the delay was the result of exceptional circumstances."

    static let texts: [(LetterKind, String)] = [
        (.acknowledgement, #"""
{{organisation}}
{{today}}

Our reference: {{case_id}}

Dear {{customer_name}},

Thank you for telling us about your complaint, which we received on {{received_date}}. We are sorry you have had cause to complain.

{{handler_name}} is looking into it for you. We aim to send you our final response by {{final_response_due}}. If we cannot give you our final response by then, we will write to tell you why and when we expect to give it.

Yours sincerely,

{{handler_name}}
{{organisation}}

"""#),
        (.summaryResolution, #"""
{{organisation}}
{{today}}

Our reference: {{case_id}}

Dear {{customer_name}},

Thank you for your complaint, which we received on {{received_date}}. We are glad we have been able to resolve it with you: your complaint is {{outcome}}.

{{reasons}}

What we have done for you: {{remedies_granted}}.

If you later decide that you are not happy with how we resolved your complaint, you may be able to refer it to the Financial Ombudsman Service, free of charge. You can find out more about the Ombudsman at https://www.financial-ombudsman.org.uk.

{{time_limits_position}}

Yours sincerely,

{{handler_name}}
{{organisation}}

"""#),
        (.holdingResponse, #"""
{{organisation}}
{{today}}

Our reference: {{case_id}}

Dear {{customer_name}},

We are still looking into your complaint, which we received on {{received_date}}, and we are not yet in a position to give you our final response.

{{reasons}}

We expect to give you our final response by {{final_response_due}}.

You do not have to wait for it: you may now refer your complaint to the Financial Ombudsman Service, free of charge. We enclose the Ombudsman's explanatory leaflet, and you can find out more at https://www.financial-ombudsman.org.uk.

Yours sincerely,

{{handler_name}}
{{organisation}}

"""#),
        (.finalResponse, #"""
{{organisation}}
{{today}}

Our reference: {{case_id}}

Dear {{customer_name}},

Our final response to your complaint

This is our final response to your complaint, which we received on {{received_date}}. Having looked into it, your complaint is {{outcome}}.

{{reasons}}

What we will do for you: {{remedies_granted}}.

If you are not happy with our final response, you have the right to refer your complaint to the Financial Ombudsman Service, free of charge, but you must do so within six months of the date of this letter. We enclose the Ombudsman's explanatory leaflet, and you can find out more at https://www.financial-ombudsman.org.uk.

{{time_limits_position}}

Yours sincerely,

{{handler_name}}
{{organisation}}

"""#),
    ]
}
